import { runContract } from './run-contract.ts';
import { searchRelevanceContract } from './search-relevance.contract.ts';

await runContract('search relevance', searchRelevanceContract);
