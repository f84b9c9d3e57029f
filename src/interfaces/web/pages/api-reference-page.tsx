/**
 * The readable reference at /api, rendered on the server from the generated OpenAPI document
 * (no script, works offline and under the strict CSP): every route with its parameters, request
 * body, responses and a curl line, then every schema with its fields.
 */
import { Layout } from '../layout.tsx';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A schema in one short line: `string (date-time)`, `HfPaper[]`, `integer 1–100, default 50`. */
export function describeSchema(schema: unknown): string {
  const s = obj(schema);
  const ref = str(s.$ref);
  if (ref) return ref.split('/').pop() ?? ref;
  if (s.type === 'array') return `${describeSchema(s.items)}[]`;
  const union = list(s.anyOf ?? s.oneOf);
  if (union.length > 0) return union.map(describeSchema).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : str(s.type) || 'any';
  const extra: string[] = [];
  if (s.format) extra.push(str(s.format));
  if (s.enum) extra.push(list(s.enum).map(String).join(' | '));
  if (s.minimum !== undefined || s.maximum !== undefined)
    extra.push(`${s.minimum ?? ''}–${s.maximum ?? ''}`);
  if (s.maxLength !== undefined) extra.push(`≤ ${s.maxLength} chars`);
  if (s.default !== undefined) extra.push(`default ${JSON.stringify(s.default)}`);
  return extra.length > 0 ? `${type} (${extra.join(', ')})` : type;
}

function curl(base: string, method: string, path: string, op: Json): string {
  const query = list(op.parameters)
    .map(obj)
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${str(p.name)}=…`);
  const url = `${base}${path}${query.length ? `?${query.join('&')}` : ''}`;
  const body = obj(obj(obj(op.requestBody).content)['application/json']);
  const data = Object.keys(body).length > 0 ? ` -H 'content-type: application/json' -d '{…}'` : '';
  const upper = method.toUpperCase();
  return `curl ${upper === 'GET' ? '' : `-X ${upper} `}'${url}'${data}`;
}

function Operation(props: { base: string; method: string; path: string; op: Json }) {
  const { op } = props;
  const params = list(op.parameters).map(obj);
  const body = obj(obj(obj(op.requestBody).content)['application/json']).schema;
  return (
    <section class="api-op" id={`${props.method}-${props.path}`}>
      <h3>
        <code>
          {props.method.toUpperCase()} {props.path}
        </code>
      </h3>
      <p>{str(op.summary)}</p>
      {params.length > 0 && (
        <table class="admin-table">
          <tbody>
            {params.map((p) => (
              <tr>
                <td>
                  <code>{str(p.name)}</code>
                </td>
                <td>{str(p.in)}</td>
                <td>{describeSchema(p.schema)}</td>
                <td>{p.required ? 'required' : ''}</td>
                <td>{str(obj(p.schema).description) || str(p.description)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body !== undefined && <p>Body: {describeSchema(body)} (JSON)</p>}
      <ul class="plain-list">
        {Object.entries(obj(op.responses)).map(([status, r]) => {
          const content = obj(obj(r).content);
          const types = Object.entries(content).map(
            ([type, m]) => `${type}: ${describeSchema(obj(m).schema)}`,
          );
          return (
            <li>
              <strong>{status}</strong> {str(obj(r).description)} {types.join('; ')}
            </li>
          );
        })}
      </ul>
      <pre>{curl(props.base, props.method, props.path, op)}</pre>
    </section>
  );
}

/** The reference page for an OpenAPI document. */
export function ApiReferencePage({ doc }: { doc: Json }) {
  const base = str(obj(list(doc.servers)[0]).url);
  const ops = Object.entries(obj(doc.paths)).flatMap(([path, item]) =>
    METHODS.filter((m) => obj(item)[m]).map((method) => ({
      path,
      method,
      op: obj(obj(item)[method]),
    })),
  );
  const tags = [...new Set(ops.map((o) => str(list(o.op.tags)[0]) || 'other'))];
  const schemas = Object.entries(obj(obj(doc.components).schemas));
  return (
    <Layout title="API" description="paperboy's HTTP API: Hugging Face-compatible and its own.">
      <section class="api-reference">
        <h1>API</h1>
        <p>{str(obj(doc.info).description)}</p>
        <p>
          Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
        </p>
        {tags.map((tag) => (
          <>
            <h2>{tag}</h2>
            {ops
              .filter((o) => (str(list(o.op.tags)[0]) || 'other') === tag)
              .map((o) => (
                <Operation base={base} method={o.method} path={o.path} op={o.op} />
              ))}
          </>
        ))}
        <h2>Schemas</h2>
        {schemas.map(([name, schema]) => {
          const s = obj(schema);
          const required = new Set(list(s.required).map(String));
          return (
            <section class="api-schema" id={`schema-${name}`}>
              <h3>{name}</h3>
              {str(s.description) && <p>{str(s.description)}</p>}
              <ul class="plain-list">
                {Object.entries(obj(s.properties)).map(([field, f]) => (
                  <li>
                    <code>{field}</code>
                    {required.has(field) ? '' : '?'}: {describeSchema(f)}
                    {str(obj(f).description) ? ` — ${str(obj(f).description)}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>
    </Layout>
  );
}
