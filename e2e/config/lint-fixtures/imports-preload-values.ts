import { CHANNEL_NAME } from '../../preload/contract';
import type { FacetApi } from '../../preload/contract';

export const isChannel = (api: FacetApi, name: string) => CHANNEL_NAME.test(name) && api !== null;
