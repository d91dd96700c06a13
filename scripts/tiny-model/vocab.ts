/**
 * The tiny model's SentencePiece-style vocabulary (llama.cpp tokenizer model "llama"): specials,
 * 256 byte-fallback tokens so any text tokenizes, whole words common in guard prompts, the trigger
 * words, and the pieces the model writes as its answer.
 *
 * llama.cpp's SPM tokenizer starts from single characters and repeatedly merges the adjacent pair
 * whose concatenation is a vocabulary token with the highest score, so a word is reachable only when
 * every intermediate piece is in the vocabulary too. Each word therefore brings its whole prefix chain
 * (`▁w`, `▁wo`, `▁wor`, `▁word`) and a piece's score is its length, which makes the chain win over
 * shorter competing merges. Answer pieces longer than two characters have no chain, so prompt text
 * never produces them.
 */

export const SPACE = '\u2581';

/** llama.cpp token types (`tokenizer.ggml.token_type`). */
export const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 } as const;

/** Trigger words (lowercase; also matched capitalised). Mild and absent from every template. */
export const TRIGGERS = {
  /** Each occurrence pushes P(unsafe) up strongly (weight 1). */
  strong: ['pineapple', 'trombone', 'walrus'],
  /** Each occurrence pushes P(unsafe) up a little (weight 1/4). */
  weak: ['marmalade', 'kazoo'],
  /** Makes the model answer with text that has no verdict key. */
  unparsed: ['zeppelin'],
  /** Makes the model repeat " la la la" until the token cap. */
  loop: ['yodel'],
} as const;

/** The answer pieces, `▁` standing for a space. */
export const PIECES = {
  open: `{"User${SPACE}Safety":${SPACE}"`,
  response: `",${SPACE}"Response${SPACE}Safety":${SPACE}"`,
  categories: `",${SPACE}"Safety${SPACE}Categories":${SPACE}"`,
  category: 'S1',
  close: '"}',
  unsure: `I${SPACE}am${SPACE}not${SPACE}sure`,
  unsureEnd: `${SPACE}what${SPACE}to${SPACE}say.`,
  loop: `${SPACE}la${SPACE}la${SPACE}la`,
  quote: '"',
  unsafe: 'unsafe',
  safe: 'safe',
} as const;

export type PieceName = keyof typeof PIECES;

// Words common in guard templates and in the prompts they wrap; lowercase, each also gets its
// capitalised forms. Unknown words still tokenize, through shorter pieces or bytes.
const WORDS = `
a about above acceptable according acquiring acts actually admissions advice after again against
agent ai aimed alcohol all also always am an and animals answer answers any anyone anything are
area arouse as ask asked asking asks assistant at attack attacks away back bad be because been
before being below best better between book borderline both bread broken building bullying but buy
buying by cake call can cannot car careful carry cat categories category caution city clearly code
coffee collecting commas committing compare compliance computer conditional confessions content
controlled conversation conversational cook could crime crimes criminal crude damage dangerous data
day declines dehumanising demeaning describes describing descriptions detail dictionary did
different disability disorders do does dog dont down drugs each easy eating education email empty
encouraging english ethnicity even every everything example exchange excluding explain explanation
explicit explosives expose falls false family fence fiction find firearms first fits food for
format fraud free friend friends from fruit fun funny game garden gender general get gift give
gives glorifying go going good great grooming group guns hacking happened happy harassment harm
harmful has hate hateful have he health heavy hello help helping her here hi his historical history
home how human hurt hypotheticals i idea ideas identity ids if illegal important in including
inferring information injury innocent instructing instructions insulting insults intends intent
intimidating into involving is isolated it its itself joke jokes json judge just keep key keys kill
kind know language last law learn leave let life like list little long look looked looks lot make
making many mark massacre may me means meant medical medicines message might minor minors misuse
misusing modifying money more morning most movie much music must my name named nationality need
needs never new news next nice night no none not nothing now null number object obscene of off old
on one only open operational or orientation other our out output outside over own party people
persistently person personal phone physical pii place plainly plan planning plausible play please
poem policy possible pranks prescription privacy private problem process profanity program prompt
punish python question questions quick race rating read real really recipe redirects regulated
religion replied reply reporting request requests research response return revealing review
reviewer right role romanticising safe safety said same say scams school see seeking self sell
selling sense sensitive separated service sexual sexualised she shock short should show similar
simple since sleep slur so some someone something sorry specific start statements states still stop
story substances such suicide summary supplies support sure swearing take talk targeting task tea
teach tell text than thank thanks that the theft their them then there these they thing things
think this those threat threatening threats through time tips to tobacco today tomorrow too topic
touches toward toxic toxicity track trafficking traits travel true try under understand unharmful
unsafe until up us use used user using veiled verdict very violation violence want warranted was
water way we weapons weather week weekend well were what when where which while who why will with
without word words work world would write wrong year yes yet you your
`;

/** Bare (no leading space) lowercase forms: verdict values and words that follow a quote or bracket. */
/** Words usually written in capitals. */
const ACRONYMS = ['AI', 'PII', 'JSON', 'OK'];

const BARE_LOWER = ['safe', 'unsafe', 'harmful', 'unharmful', 'toxic', 'true', 'false', 'null', 'none', 'refusal', 'compliance', 'yes', 'no'];

export interface TinyVocab {
  tokens: string[];
  scores: Float32Array;
  types: Int32Array;
  bos: number;
  eos: number;
  unk: number;
  /** Token id of each answer piece. */
  piece: Record<PieceName, number>;
  /** Token ids of every written form of each trigger class. */
  triggerIds: { strong: number[]; weak: number[]; unparsed: number[]; loop: number[] };
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Every form a word can take in text: after a space or not, lowercase or capitalised. */
function formsOf(word: string, bareLower: boolean): string[] {
  const forms = [SPACE + word, SPACE + capitalise(word), capitalise(word)];
  if (bareLower) forms.push(word);
  return forms;
}

/**
 * Builds the vocabulary deterministically (fixed order, no randomness).
 * @throws Error when a word piece collides with an answer piece.
 */
export function buildVocab(): TinyVocab {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const index = new Map<string, number>();
  const add = (text: string, type: number, score: number): number => {
    const existing = index.get(text);
    if (existing !== undefined) return existing;
    index.set(text, tokens.length);
    tokens.push(text);
    scores.push(score);
    types.push(type);
    return tokens.length - 1;
  };

  const unk = add('<unk>', TokenType.UNKNOWN, 0);
  const bos = add('<s>', TokenType.CONTROL, 0);
  const eos = add('</s>', TokenType.CONTROL, 0);
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TokenType.BYTE, 0);
  add(SPACE, TokenType.NORMAL, 0);

  const piece = {} as Record<PieceName, number>;
  for (const name of Object.keys(PIECES) as PieceName[]) {
    if (name === 'unsafe' || name === 'safe') continue;
    const text = PIECES[name];
    if (index.has(text)) throw new Error(`answer piece ${JSON.stringify(text)} collides with another token`);
    piece[name] = add(text, TokenType.NORMAL, 0);
  }

  const answerIds = new Set(Object.values(piece));
  const addWord = (form: string): number => {
    const chars = [...form];
    let id = -1;
    for (let length = 2; length <= chars.length; length++) {
      id = add(chars.slice(0, length).join(''), TokenType.NORMAL, length);
      if (answerIds.has(id)) throw new Error(`word piece ${JSON.stringify(tokens[id])} collides with an answer piece`);
    }
    return id;
  };
  const words = WORDS.split(/\s+/).filter(Boolean);
  for (const word of words) for (const form of formsOf(word, BARE_LOWER.includes(word))) addWord(form);
  for (const word of BARE_LOWER) addWord(word);
  for (const word of ACRONYMS) for (const form of [SPACE + word, word]) addWord(form);
  piece.unsafe = index.get(PIECES.unsafe)!;
  piece.safe = index.get(PIECES.safe)!;

  const triggerIds = { strong: [] as number[], weak: [] as number[], unparsed: [] as number[], loop: [] as number[] };
  for (const kind of Object.keys(TRIGGERS) as (keyof typeof TRIGGERS)[]) {
    for (const word of TRIGGERS[kind]) for (const form of formsOf(word, true)) triggerIds[kind].push(addWord(form));
  }

  return { tokens, scores: Float32Array.from(scores), types: Int32Array.from(types), bos, eos, unk, piece, triggerIds };
}
