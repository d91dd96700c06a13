import { describe, expect, it } from 'vitest';
import { parseRoute } from '../shell/route';
import { compareHash, parseRunsView, runHash } from './run-links';

describe('run links', () => {
  it('reads history, one run, a comparison and nonsense', () => {
    expect(parseRunsView(undefined)).toEqual({ kind: 'history' });
    expect(parseRunsView('12')).toEqual({ kind: 'run', id: 12 });
    expect(parseRunsView('3,5, 9')).toEqual({ kind: 'compare', ids: [3, 5, 9] });
    expect(parseRunsView('4,4')).toEqual({ kind: 'run', id: 4 });
    expect(parseRunsView('abc')).toEqual({ kind: 'invalid', text: 'abc' });
    expect(parseRunsView('3,')).toEqual({ kind: 'invalid', text: '3,' });
  });

  it('round-trips through the shell router', () => {
    const single = parseRoute(runHash(7));
    expect(single).toEqual({ page: 'runs', runId: '7' });
    const compare = parseRoute(compareHash([3, 5]));
    expect(compare.page === 'runs' && parseRunsView(compare.runId)).toEqual({ kind: 'compare', ids: [3, 5] });
  });
});
