// The embedding-model lifecycle (store-recorded serving/target models, a switch across
// processes, re-embedding, pruning) and its ModelStateRepo on each engine.
import { modelLifecycleContract } from './model-lifecycle.contract.ts';
import { modelStateContract } from './model-state.contract.ts';
import { runContract } from './run-contract.ts';

await runContract('ModelStateRepo', modelStateContract);
await runContract('Model lifecycle', modelLifecycleContract);
