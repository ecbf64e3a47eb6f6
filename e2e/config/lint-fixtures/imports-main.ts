import { ENGINE_CALLS } from '../../main/engine/engine-api';
import { resolveLibraryPhoto } from '../../../main/engine/media-guard';

export const methods = [...ENGINE_CALLS, resolveLibraryPhoto.name];
