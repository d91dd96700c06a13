/**
 * A JSON document: a list of row objects, an object with a `data`/`rows` list, or an object whose values
 * are lists of row objects (HarmBench's layout), flattened in the file's key order.
 */
import type { DataValue } from '../value';
import type { DatasetRow, ReportedRow } from './types';
import type { TableRead } from './jsonl';
import { describeValue, plural, quoteName } from './describe';
import { lineAndColumn, parseJson } from './json-parse';
import { ColumnOrder, jsonRow, MAX_ROW_DEPTH } from './json-rows';
import { isJsonBlank } from './lines';

const SHAPES =
  'A JSON file must hold a list of row objects, an object with a "data" or "rows" list, or an object whose values are lists of row objects.';

interface Source {
  /** Where a row came from, for messages: `item 2 of "key"`. */
  where: (index: number) => string;
  items: DataValue[];
}

export function readJsonDocument(text: string): TableRead {
  if (isJsonBlank(text)) return fileProblem('The file is empty.');
  const parsed = parseJson(text, MAX_ROW_DEPTH + 3);
  if (!parsed.ok) {
    const { line, column } = lineAndColumn(text, parsed.offset);
    const advice = parsed.truncated
      ? 'The file looks truncated: export or download it again.'
      : 'Fix the file there (a JSON validator shows the spot) and try again.';
    return fileProblem(`The file is not valid JSON: line ${line}, column ${column}: ${parsed.message}. ${advice}`);
  }
  const { value: root, keyOrder } = parsed;
  const shape = sourcesOf(root, keyOrder);
  if (typeof shape === 'string') return fileProblem(shape);

  const rows: DatasetRow[] = [];
  const reported: ReportedRow[] = [];
  const columns = new ColumnOrder();
  let row = 0;
  for (const source of shape.sources) {
    source.items.forEach((item, index) => {
      row++;
      const result = jsonRow(item, keyOrder);
      if (result.ok) {
        columns.add(result.keys);
        rows.push({ row, values: result.values });
      } else {
        reported.push({ row, reason: `row ${row} (${source.where(index)}) ${result.reason}` });
      }
    });
  }
  if (row === 0) return fileProblem(`The file holds no rows: ${shape.sources.length === 1 ? 'its list is' : 'all its lists are'} empty.`);
  return { columns: columns.names, rows, reported, notes: [shape.note] };
}

function sourcesOf(root: DataValue, keyOrder: WeakMap<object, string[]>): { sources: Source[]; note: string } | string {
  if (Array.isArray(root)) {
    return { sources: [{ items: root, where: (i) => `item ${i + 1} of the top-level list` }], note: 'rows read from the top-level list' };
  }
  if (root === null || typeof root !== 'object') return `The file holds ${describeValue(root)}. ${SHAPES}`;
  const object = root;
  const keys = keyOrder.get(object) ?? Object.keys(object);
  if (keys.length === 0) return `The file holds an empty object. ${SHAPES}`;
  const lists = keys.filter((key) => Array.isArray(object[key]));
  if (lists.length === keys.length) {
    const items = lists.flatMap((key) => object[key] as DataValue[]);
    if (items.length > 0 && items.every((item) => item === null || typeof item !== 'object' || Array.isArray(item))) {
      return (
        'The file is column-oriented (each key holds a list of plain values); rows are expected. ' +
        'Save it as records (pandas: df.to_json(path, orient="records")) and try again.'
      );
    }
    return {
      sources: lists.map((key) => ({ items: object[key] as DataValue[], where: (i: number) => `item ${i + 1} of ${quoteName(key)}` })),
      note:
        lists.length === 1
          ? `rows read from the list under ${quoteName(lists[0]!)}`
          : `rows read from the lists under ${plural(lists.length, 'key')}, one after another in the file's key order`,
    };
  }
  const dataKey = ['data', 'rows'].find((key) => keys.includes(key) && Array.isArray(object[key]));
  if (dataKey) {
    return {
      sources: [{ items: object[dataKey] as DataValue[], where: (i) => `item ${i + 1} of ${quoteName(dataKey)}` }],
      note: `rows read from the list under ${quoteName(dataKey)}`,
    };
  }
  const odd = keys.find((key) => !Array.isArray(object[key]))!;
  return `The file holds an object whose key ${quoteName(odd)} holds ${describeValue(object[odd])}. ${SHAPES}`;
}

function fileProblem(reason: string): TableRead {
  return { columns: [], rows: [], reported: [{ row: null, reason }], notes: [] };
}
