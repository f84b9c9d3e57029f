import { meaningFeedbackContract } from './meaning-feedback.contract.ts';
import { runContract } from './run-contract.ts';

await runContract('meaning feedback', meaningFeedbackContract);
