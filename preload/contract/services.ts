// Every domain's declarations, in one list: main's validation, the engine host's dispatch and the
// engine client walk it. A new domain joins with one line here (its types join in contract.ts).
import { browseService } from './browse';
import { clustersService } from './clusters';
import { engineService } from './engine';
import { exportService } from './export';
import { labelsService, tagsService } from './labels';
import { libraryService } from './library';
import { modelsService } from './models';
import { dialogService, shellService } from './shell';
import type { AnsweredBy, CallDeclaration, ServiceDeclaration } from './define-service';

export const SERVICES = [
  engineService,
  libraryService,
  browseService,
  labelsService,
  tagsService,
  clustersService,
  exportService,
  modelsService,
  dialogService,
  shellService,
] as const;

export type Service = (typeof SERVICES)[number];

/** One declared call, found by its channel name `<domain>:<name>`. */
export interface DeclaredCall {
  readonly domain: string;
  readonly name: string;
  readonly channel: string;
  readonly declaration: CallDeclaration;
  readonly answeredBy: AnsweredBy;
  /** The page may call it (it has a channel). */
  readonly fromPage: boolean;
}

function callsOf(service: ServiceDeclaration): DeclaredCall[] {
  return Object.entries(service.calls).map(([name, declaration]) => ({
    domain: service.domain,
    name,
    channel: `${service.domain}:${name}`,
    declaration,
    answeredBy: declaration.answeredBy ?? 'engine',
    fromPage: declaration.renderer !== false,
  }));
}

/** Every declared call, in declaration order. */
export const DECLARED_CALLS: readonly DeclaredCall[] = Object.freeze(SERVICES.flatMap(callsOf));

const BY_CHANNEL = new Map(DECLARED_CALLS.map((call) => [call.channel, call]));

/** The declared call a channel names; undefined for anything else (including 'toString'). */
export function declaredCall(channel: string): DeclaredCall | undefined {
  return BY_CHANNEL.get(channel);
}
