/**
 * Checks real responses against the served OpenAPI 3.1 document: the status must be documented
 * for the operation, the JSON body must validate against its schema (JSON Schema 2020-12 with
 * Ajv, `$ref`s resolved in the document's components) and documented required headers must be set.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });

  constructor(readonly doc: Json) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
  }

  /** Every documented operation as `METHOD /path`. */
  operations(): string[] {
    return Object.entries(obj(this.doc.paths)).flatMap(([path, item]) =>
      Object.keys(obj(item)).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /** Problems with `res` as an answer to `operation` (empty when it conforms). */
  async check(operation: string, res: Response): Promise<string[]> {
    const [method = '', path = ''] = operation.split(' ');
    const op = obj(obj(obj(this.doc.paths)[path])[method.toLowerCase()]);
    const response = obj(obj(op.responses)[String(res.status)]);
    if (Object.keys(response).length === 0) return [`status ${res.status} is not documented`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(obj(response.headers))) {
      if (obj(header).required && !res.headers.has(name)) problems.push(`header ${name} missing`);
    }
    const content = obj(response.content);
    const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = obj(content[type]);
    if (Object.keys(content).length > 0 && Object.keys(media).length === 0) {
      return [...problems, `content type ${type} is not documented`];
    }
    if (type !== 'application/json') return problems;
    const body: unknown = await res.json();
    const validate = this.ajv.compile({ ...obj(media.schema), components: this.doc.components });
    if (!validate(body)) {
      for (const e of (validate.errors ?? []).slice(0, 5)) {
        problems.push(`body${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      }
    }
    return problems;
  }
}
