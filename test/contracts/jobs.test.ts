// The contracts of the jobs' schedule and the store as a whole, on each engine.
import { instanceSecretContract } from './instance-secret.contract.ts';
import { jobScheduleContract } from './job-schedule.contract.ts';
import { runContract } from './run-contract.ts';
import { storeUpkeepContract } from './store-upkeep.contract.ts';

await runContract('JobScheduleRepo', jobScheduleContract);
await runContract('InstanceSecret', instanceSecretContract);
await runContract('StoreUpkeep and StoreHealth', storeUpkeepContract);
