// The store-side contracts (papers and what ingestion and embedding keep beside them), on each engine.
import { embeddingQueueContract } from './embedding-queue.contract.ts';
import { ingestStoreContract } from './ingest-store.contract.ts';
import { newPapersContract } from './new-papers.contract.ts';
import { paperTextsContract } from './paper-texts.contract.ts';
import { queryVectorCacheContract } from './query-vector-cache.contract.ts';
import { runContract } from './run-contract.ts';

await runContract('IngestStore', ingestStoreContract);
await runContract('EmbeddingQueue', embeddingQueueContract);
await runContract('PaperTexts', paperTextsContract);
await runContract('NewPapers', newPapersContract);
await runContract('QueryVectorCache', queryVectorCacheContract);
