// The VectorIndex contract on each engine (pgvector; SQLite rows with usearch), with the exact
// set and above it, on each engine's graph.
import { runContract } from './run-contract.ts';
import { vectorGraphContract } from './vector-graph.contract.ts';
import { vectorIndexContract } from './vector-index.contract.ts';

await runContract('VectorIndex', vectorIndexContract);
await runContract('VectorIndex graph', vectorGraphContract);
