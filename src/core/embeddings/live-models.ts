/**
 * The embedding models a process uses, kept in step with the store (ModelStateRepo): queries use
 * the serving model; the embedding job embeds with the target. A switch made anywhere (a retrain,
 * `paperboy model use`) becomes the target; the worker re-embeds in batches while search keeps
 * answering from the serving model's vectors; once every paper has a target vector it serves
 * everywhere (processes poll the store), and the next run deletes the old vectors and index.
 */
import type { Logger } from '../logger.ts';
import type { PaperRepo } from '../papers/ports.ts';
import type { ProgressFactory } from '../progress.ts';
import type { VectorIndex } from '../search/ports.ts';
import { cachedEmbedder } from './cached-embedder.ts';
import { type EmbedReport, embedPending } from './embed-papers.ts';
import type { Embedder, EmbeddingQueue, ModelRef, ModelState, ModelStateRepo } from './ports.ts';

/** One opened model: its embedder, a query-caching view of it, and its vector index. */
export interface LiveModel {
  ref: ModelRef;
  embedder: Embedder;
  query: Embedder;
  index: VectorIndex;
}

export interface LiveModelsDeps {
  repo: ModelStateRepo;
  /** Opens the model a ref names; rejects when this process cannot (missing file …). */
  open(ref: ModelRef): Promise<Embedder>;
  vectorIndex(modelId: string): Promise<VectorIndex>;
  log: Logger;
}

export interface StepInput {
  queue: EmbeddingQueue;
  papers: PaperRepo;
  log: Logger;
  signal?: AbortSignal;
  progress?: ProgressFactory;
  batchSize?: number;
  max?: number;
}

export interface StepReport extends EmbedReport {
  /** The model that serves search after this step. */
  serving: string;
  /** The target became the serving model in this step. */
  promoted: boolean;
}

export class LiveModels {
  private current: LiveModel | null = null;
  private next: LiveModel | null = null;
  private targetRef: ModelRef | null = null;
  /** Models no longer used, closed at the next refresh (queries may still hold them). */
  private retiring: LiveModel[] = [];
  /** Refreshes run one at a time (the poll and the embedding job may overlap). */
  private refreshing: Promise<unknown> = Promise.resolve();

  private constructor(private readonly deps: LiveModelsDeps | null) {}

  /** A process without switching: an injected embedder (tests, eval) or none at all. */
  static fixed(model: { embedder: Embedder; index: VectorIndex } | null): LiveModels {
    const live = new LiveModels(null);
    if (model) {
      const ref = { family: 'fixed', version: null, modelId: model.embedder.modelId };
      live.current = { ref, ...model, query: cachedEmbedder(model.embedder) };
      live.next = live.current;
      live.targetRef = ref;
    }
    return live;
  }

  /**
   * Records `wanted` (this process's configured model, chosen with the store's state in hand) as
   * the target unless it already is, adopts vectors of its former ids, and opens what serves.
   */
  static async start(
    deps: LiveModelsDeps,
    wanted: (state: ModelState) => Promise<{ ref: ModelRef; embedder: Embedder }>,
  ): Promise<LiveModels> {
    const state = await deps.repo.read().catch(() => null);
    if (!state) {
      // A store not migrated yet (`paperboy migrate`, `doctor`): use the model, record nothing.
      const chosen = await wanted({ serving: null, target: null, retired: null });
      return LiveModels.fixed({
        embedder: chosen.embedder,
        index: await deps.vectorIndex(chosen.ref.modelId),
      });
    }
    const live = new LiveModels(deps);
    const chosen = await wanted(state);
    const adopted = await deps.repo.adoptVectors(
      chosen.embedder.formerIds ?? [],
      chosen.ref.modelId,
    );
    if (adopted > 0)
      deps.log.info('vectors adopted', { model: chosen.ref.modelId, vectors: adopted });
    await deps.repo.setTarget(chosen.ref);
    live.next = await live.openWith(chosen.ref, chosen.embedder);
    live.targetRef = chosen.ref;
    await live.refresh();
    return live;
  }

  /** True when this process follows the store's models for `family` (configured, not injected). */
  follows(family: string): boolean {
    return this.deps !== null && this.targetRef?.family === family;
  }

  /** The model queries use (null: semantic search is off). */
  serving(): LiveModel | null {
    return this.current;
  }

  /** The model the embedding job writes (opened on first use after a switch). */
  async target(): Promise<LiveModel | null> {
    if (!this.targetRef) return null;
    if (this.next?.ref.modelId !== this.targetRef.modelId) {
      const old = this.next;
      this.next =
        this.current?.ref.modelId === this.targetRef.modelId
          ? this.current
          : await this.open(this.targetRef);
      if (old && old !== this.current) this.retiring.push(old);
    }
    return this.next;
  }

  /** Reads the store's state and follows a switch made by any process; true when it changed. */
  refresh(): Promise<boolean> {
    const run = this.refreshing.then(() => this.follow());
    this.refreshing = run.catch(() => {});
    return run;
  }

  private async follow(): Promise<boolean> {
    if (!this.deps) return false;
    for (const old of this.retiring.splice(0)) await this.closeModel(old);
    const state = await this.deps.repo.read();
    let changed = false;
    if (state.target && state.target.modelId !== this.targetRef?.modelId) {
      this.targetRef = state.target;
      changed = true;
    }
    const serving = state.serving ?? state.target;
    if (serving && serving.modelId !== this.current?.ref.modelId) {
      const old = this.current;
      this.current = await this.openServing(serving);
      if (old && old !== this.next && old !== this.current) this.retiring.push(old);
      this.deps.log.info('search model', { model: this.current?.ref.modelId });
      changed = true;
    }
    return changed;
  }

  /** Makes `ref` the target for every process (a switch); the worker re-embeds in the background. */
  async switchTo(ref: ModelRef): Promise<void> {
    if (!this.deps) throw new Error('this process uses a fixed embedder');
    await this.deps.repo.setTarget(ref);
    await this.refresh();
  }

  /**
   * The embedding job's run: deletes vectors of retired models once the target serves (a run
   * after the switch, so other processes have polled), embeds queued and missing papers with the
   * target, and makes the target serve once every paper has a vector of it.
   */
  async step(input: StepInput): Promise<StepReport | null> {
    await this.refresh();
    const target = await this.target();
    if (!target) return null;
    const deps = this.deps;
    const state = deps ? await deps.repo.read() : null;
    let pruned = 0;
    // As the store sees it (this process may search with the target already: see openServing).
    const serves =
      (state ? state.serving?.modelId : this.current?.ref.modelId) === target.ref.modelId;
    if (deps && state?.retired && serves) {
      pruned = await target.index.pruneOtherModels();
      await deps.repo.clearRetired();
      if (pruned > 0) input.log.info('old model vectors removed', { vectors: pruned });
    }
    const report = await embedPending({
      ...input,
      embedder: target.embedder,
      vectors: target.index,
      prune: !deps,
    });
    let promoted = false;
    if (deps && !serves && (await target.index.missing(1)).length === 0) {
      promoted = await deps.repo.promote(target.ref.modelId);
      if (promoted) {
        input.log.info('model switched for search', {
          from: this.current?.ref.modelId,
          to: target.ref.modelId,
        });
        await this.refresh();
      }
    }
    return {
      ...report,
      pruned: report.pruned + pruned,
      promoted,
      serving: this.current?.ref.modelId ?? target.ref.modelId,
    };
  }

  async close(): Promise<void> {
    const all = new Set([this.current, this.next, ...this.retiring]);
    this.current = this.next = null;
    this.retiring = [];
    for (const m of all) if (m) await this.closeModel(m);
  }

  /** The serving model, or the target when this process cannot open it (then vectors catch up). */
  private async openServing(ref: ModelRef): Promise<LiveModel | null> {
    if (this.next?.ref.modelId === ref.modelId) return this.next;
    try {
      return await this.open(ref);
    } catch (error) {
      this.deps?.log.warn('serving model unavailable here; searching with the target', {
        model: ref.modelId,
        error,
      });
      return this.target();
    }
  }

  private async open(ref: ModelRef): Promise<LiveModel> {
    if (!this.deps) throw new Error('fixed models cannot be opened');
    return this.openWith(ref, await this.deps.open(ref));
  }

  private async openWith(ref: ModelRef, embedder: Embedder): Promise<LiveModel> {
    if (embedder.modelId !== ref.modelId) {
      await embedder.close();
      throw new Error(`model ${ref.modelId} is not here (found ${embedder.modelId})`);
    }
    const index = await (this.deps as LiveModelsDeps).vectorIndex(ref.modelId);
    return { ref, embedder, query: cachedEmbedder(embedder), index };
  }

  private async closeModel(m: LiveModel): Promise<void> {
    await m.index.close();
    await m.embedder.close();
  }
}
