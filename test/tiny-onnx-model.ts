/**
 * Builds a tiny but real sentence encoder for tests of the transformers embedder: a WordPiece
 * tokenizer (tokenizer.json) and an ONNX graph (hand-encoded protobuf: Gather over an embedding
 * table → last_hidden_state) that @huggingface/transformers loads from a local folder exactly as
 * it loads bge or e5. No download, a few KB on disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
};
const field = (no: number, wire: number) => varint((no << 3) | wire);
const int = (no: number, n: number) => [...field(no, 0), ...varint(n)];
const bytes = (no: number, b: number[] | Uint8Array) => [
  ...field(no, 2),
  ...varint(b.length),
  ...b,
];
const str = (no: number, s: string) => bytes(no, [...Buffer.from(s, 'utf8')]);

const FLOAT = 1;
const INT64 = 7;

function valueInfo(name: string, elemType: number, dims: (number | string)[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  const tensorType = [...int(1, elemType), ...bytes(2, shape)];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}

/** Writes the model folder and returns its path. `vocab` words get embeddings from `embed`. */
export function writeTinyModel(
  dir: string,
  vocab: string[],
  embed: (word: string) => number[],
): string {
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  const tokens = [...special, ...vocab];
  const dims = embed(vocab[0] ?? 'x').length;
  const table = new Float32Array(tokens.length * dims);
  tokens.forEach((t, i) => {
    const v = special.includes(t) ? new Array(dims).fill(0) : embed(t);
    table.set(v, i * dims);
  });
  const initializer = [
    ...int(1, tokens.length),
    ...int(1, dims),
    ...int(2, FLOAT),
    ...str(8, 'embeddings'),
    ...bytes(9, new Uint8Array(table.buffer)),
  ];
  const node = [
    ...str(1, 'embeddings'),
    ...str(1, 'input_ids'),
    ...str(2, 'last_hidden_state'),
    ...str(3, 'gather'),
    ...str(4, 'Gather'),
  ];
  const graph = [
    ...bytes(1, node),
    ...str(2, 'tiny-encoder'),
    ...bytes(5, initializer),
    ...bytes(11, valueInfo('input_ids', INT64, ['batch', 'sequence'])),
    ...bytes(11, valueInfo('attention_mask', INT64, ['batch', 'sequence'])),
    ...bytes(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dims])),
  ];
  const model = [
    ...int(1, 8),
    ...str(2, 'paperboy-tests'),
    ...bytes(7, graph),
    ...bytes(8, [...str(1, ''), ...int(2, 13)]),
  ];
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), Uint8Array.from(model));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      hidden_size: dims,
      vocab_size: tokens.length,
      max_position_embeddings: 512,
    }),
  );
  const added = special.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const tok = (t: string, id: number) => ({ id: t, ids: [id], tokens: [t] });
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: added,
      normalizer: {
        type: 'BertNormalizer',
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase: true,
      },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
        ],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: { '[CLS]': tok('[CLS]', 2), '[SEP]': tok('[SEP]', 3) },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(tokens.map((t, i) => [t, i])),
      },
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  return dir;
}
