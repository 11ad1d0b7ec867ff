/**
 * Worker-thread entry of `parseExportInWorker` (see `export-parser.ts`): parses each export ZIP it is sent and
 * posts the reply back, one at a time (the main thread sends the next request after the reply).
 */
import { parentPort } from 'node:worker_threads';
import { parseRequest, type ParseRequest } from './export-parse-reply';

parentPort?.on('message', (request: ParseRequest) => {
  void parseRequest(request).then((reply) => parentPort?.postMessage(reply));
});
