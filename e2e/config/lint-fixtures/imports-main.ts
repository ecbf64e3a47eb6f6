import { ENGINE_METHODS } from '../../main/engine/engine-api';
import { resolveLibraryPhoto } from '../../../main/engine/media-guard';

export const methods = [...ENGINE_METHODS, resolveLibraryPhoto.name];
