// The little of @huggingface/transformers that transformers-embedder.ts uses, declared here so the
// typecheck passes without the optional package installed (it is loaded on demand).
declare module '@huggingface/transformers' {
  export const env: {
    allowLocalModels: boolean;
    localModelPath: string;
    allowRemoteModels: boolean;
    cacheDir: string;
  };
  export function pipeline(
    task: 'feature-extraction',
    model: string,
    options: { dtype: 'fp32' | 'q8'; local_files_only: boolean },
  ): Promise<unknown>;
}
