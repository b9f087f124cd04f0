/// <reference lib="dom" />
/**
 * Browser code: tells Monaco (the explorer's editor) where its web workers are. They are bundled
 * by scripts/build-web.mjs and served by the API under /explorer/assets/, so the editor starts no
 * worker from another host or from a blob. Must run before Monaco loads.
 */
export interface ExplorerWorkers {
  editor: string;
  json: string;
  graphql: string;
}

export function setUpMonacoWorkers(workers: ExplorerWorkers): void {
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      const url =
        label === 'graphql' ? workers.graphql : label === 'json' ? workers.json : workers.editor;
      return new Worker(url, { name: label });
    },
  };
}
