import { runContract } from './run-contract.ts';
import { searchRelevanceContract } from './search-relevance.contract.ts';

await runContract('search relevance', searchRelevanceContract);
// The same answers when plain queries are ranked and counted by the impact-ordered index.
await runContract('search relevance, impact index', (target) =>
  searchRelevanceContract(target, { impactIndex: true }),
);
