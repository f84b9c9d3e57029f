import { impactIndexContract } from './impact-index.contract.ts';
import { runContract } from './run-contract.ts';

await runContract('impact index', impactIndexContract);
