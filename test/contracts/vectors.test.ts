// The VectorIndex contract on each engine (pgvector; SQLite rows with usearch).
import { runContract } from './run-contract.ts';
import { vectorIndexContract } from './vector-index.contract.ts';

await runContract('VectorIndex', vectorIndexContract);
