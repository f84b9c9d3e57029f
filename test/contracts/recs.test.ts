// For you's store contracts (readers' libraries, marks, follows, settings; paper matching), on each engine.
import { readerLibraryContract } from './reader-library.contract.ts';
import { runContract } from './run-contract.ts';

await runContract('ReaderLibraryRepo and PaperMatcher', readerLibraryContract);
