/**
 * Model files of the self-trained static model: `<data dir>/models/static-<version>.pbsm`, and
 * `manifest.json` naming the current and previous version with each version's corpus size,
 * parameters and scores. The model bundled with paperboy (assets/models) is version `default`.
 * Loading the current model falls back to the previous one, then to the bundled default, when a
 * file is missing, truncated or corrupted, and reports why.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.ts';
import { decodeModel } from '../../core/embeddings/static/model-codec.ts';
import type {
  LoadedModel,
  ModelEntry,
  StaticModelStore,
} from '../../core/embeddings/static/ports.ts';
import { createError } from '../../core/errors.ts';

interface Manifest {
  current: string;
  previous: string | null;
  entries: ModelEntry[];
}

export const DEFAULT_VERSION = 'default';

/**
 * A static model's id: SHA-256 of the file's bytes (first 12 hex digits), so the same weights have
 * one id whatever they are called, and changed weights never share vectors with the old ones.
 */
export function staticModelId(bytes: Uint8Array): string {
  return `paperboy-static@${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
}

export class FileStaticModelStore implements StaticModelStore {
  private readonly manifestPath: string;

  constructor(
    private readonly dir: string,
    private readonly bundledPath: string,
    private readonly clock: Clock,
  ) {
    this.manifestPath = join(dir, 'manifest.json');
  }

  async loadCurrent(): Promise<LoadedModel> {
    const manifest = this.readManifest();
    const order = [manifest.current, manifest.previous, DEFAULT_VERSION].filter(
      (v, i, all): v is string => v !== null && all.indexOf(v) === i,
    );
    const fallbacks: string[] = [];
    for (const version of order) {
      try {
        const loaded = await this.load(version);
        return { ...loaded, fallbacks };
      } catch (error) {
        fallbacks.push(`${version}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw createError('model_unavailable', `no usable static model (${fallbacks.join('; ')})`);
  }

  async load(version: string): Promise<LoadedModel> {
    const path = this.pathOf(version);
    if (!existsSync(path)) {
      throw createError('model_unavailable', `model ${version} not found at ${path}`);
    }
    const bytes = new Uint8Array(readFileSync(path));
    const { model, info } = decodeModel(bytes);
    return { version, model, info, fallbacks: [], modelId: staticModelId(bytes) };
  }

  async save(bytes: Uint8Array, entry: Omit<ModelEntry, 'version' | 'bytes'>): Promise<ModelEntry> {
    mkdirSync(this.dir, { recursive: true });
    const manifest = this.readManifest();
    const base = this.clock
      .now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    let version = base;
    for (let n = 2; manifest.entries.some((e) => e.version === version); n++)
      version = `${base}-${n}`;
    const path = this.pathOf(version);
    writeAtomically(path, bytes);
    const full: ModelEntry = { ...entry, version, bytes: bytes.length };
    manifest.entries.push(full);
    this.writeManifest(manifest);
    return full;
  }

  async use(version: string): Promise<void> {
    await this.load(version); // refuses missing or corrupt files
    const manifest = this.readManifest();
    if (manifest.current === version) return;
    manifest.previous = manifest.current;
    manifest.current = version;
    mkdirSync(this.dir, { recursive: true });
    this.writeManifest(manifest);
  }

  async list(): Promise<{ current: string; entries: ModelEntry[] }> {
    const manifest = this.readManifest();
    return { current: manifest.current, entries: manifest.entries };
  }

  private pathOf(version: string): string {
    if (version === DEFAULT_VERSION) return this.bundledPath;
    if (!/^[0-9A-Za-z-]+$/.test(version)) {
      throw createError('invalid_input', `model version "${version}" (letters, digits and - only)`);
    }
    return join(this.dir, `static-${version}.pbsm`);
  }

  private readManifest(): Manifest {
    if (!existsSync(this.manifestPath)) {
      return { current: DEFAULT_VERSION, previous: null, entries: [] };
    }
    try {
      const m = JSON.parse(readFileSync(this.manifestPath, 'utf8')) as Partial<Manifest>;
      return {
        current: typeof m.current === 'string' ? m.current : DEFAULT_VERSION,
        previous: typeof m.previous === 'string' ? m.previous : null,
        entries: Array.isArray(m.entries) ? m.entries : [],
      };
    } catch (error) {
      throw createError(
        'model_unavailable',
        `cannot read ${this.manifestPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private writeManifest(manifest: Manifest): void {
    writeAtomically(this.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
