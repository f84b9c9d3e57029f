import { paperRepoContract } from './paper-repo.contract.ts';
import { runContract } from './run-contract.ts';

await runContract('PaperRepo', paperRepoContract);
