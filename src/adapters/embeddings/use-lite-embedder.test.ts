import { runEmbedderContract } from '../../../test/contracts/embedder.contract.ts';
import { UseLiteEmbedder } from './use-lite-embedder.ts';
import '../../../test/no-network.ts';

runEmbedderContract('use-lite (bundled model, offline)', async () => new UseLiteEmbedder(1));
