// Proves a model folder is usable before Facet installs or switches to it: every file present,
// both ONNX graphs load on the CPU with the tensor shapes the package promises, and the text
// tower answers with the embedding size config.json declares.
import { loadClipModel, ModelPackageError } from '../clip/index';
import { PACKAGE_FILES } from '../clip/model-package';

export interface ModelFacts {
  readonly id: string;
  readonly name: string;
  readonly embedDim: number;
  readonly imageSize: number;
  readonly contextLength: number;
}

/** A model folder that cannot be used; the message names the file at fault. */
export class ModelFolderError extends Error {
  override readonly name = 'ModelFolderError';
  readonly code = 'MODEL_PACKAGE';
  constructor(
    message: string,
    readonly file: string | null,
  ) {
    super(message);
  }
}

export async function checkModelFolder(dir: string): Promise<ModelFacts> {
  let model;
  try {
    model = await loadClipModel(dir, { device: 'cpu', decoders: 1 });
  } catch (error) {
    if (error instanceof ModelPackageError)
      throw new ModelFolderError(`This is not a usable model: ${error.message}.`, error.file);
    throw new ModelFolderError(
      `This is not a usable model: ${(error as Error).message} (model package ${dir}).`,
      null,
    );
  }
  try {
    const [vector] = await model.embedTexts(['a photo']);
    if (vector?.length !== model.info.embedDim)
      throw new ModelFolderError(
        `This is not a usable model: ${PACKAGE_FILES.textual} gives embeddings of size ${vector?.length ?? 0} but config.json says embed_dim ${model.info.embedDim} (model package ${dir}).`,
        PACKAGE_FILES.textual,
      );
    if (!vector.every(Number.isFinite))
      throw new ModelFolderError(
        `This is not a usable model: ${PACKAGE_FILES.textual} gives unusable numbers (model package ${dir}).`,
        PACKAGE_FILES.textual,
      );
    const { id, name, embedDim, imageSize, contextLength } = model.info;
    return { id, name, embedDim, imageSize, contextLength };
  } catch (error) {
    if (error instanceof ModelFolderError) throw error;
    throw new ModelFolderError(
      `This is not a usable model: the text model failed on a test prompt: ${(error as Error).message} (model package ${dir}).`,
      PACKAGE_FILES.textual,
    );
  } finally {
    await model.close();
  }
}
