import { describeBackendContract } from './backend.contract.js';
import { MemoryBackend } from './memory-backend.js';

describeBackendContract('memory', () => new MemoryBackend());
