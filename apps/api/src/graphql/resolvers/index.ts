import { ActionResolver, ReasonCountResolver } from './action.resolver.js';
import { ActionCountingResolver, ActionLinkResolver } from './action-link.resolver.js';
import { ActionAlternativeResolver, ActionDisputeResolver } from './action-alternative.resolver.js';
import {
  ActionDuplicateCandidateResolver,
  ActionLikelyDuplicatesResolver,
  OfficerDuplicateCandidateResolver,
} from './duplicate-candidate.resolver.js';
import { FigureResolver } from './figure.resolver.js';
import { FigureCheckResolver, FigureIssueResolver } from './figure-check.resolver.js';
import { FigureWordingResolver } from './figure-wording.resolver.js';
import { TallyKeyResolver, TallyResolver } from './tally.resolver.js';
import { HISTORY_RESOLVERS } from './history.resolver.js';
import { AccessResolver } from './access.resolver.js';
import { OfficerResolver } from './officer.resolver.js';
import { OfficerMergeResolver } from './officer-merge.resolver.js';
import { AgencyResolver, ReferenceResolver } from './reference.resolver.js';
import { SourceResolver } from './source.resolver.js';

export const RESOLVERS = [
  ReferenceResolver,
  AgencyResolver,
  OfficerResolver,
  OfficerMergeResolver,
  SourceResolver,
  ActionResolver,
  ActionLinkResolver,
  ActionCountingResolver,
  ActionDuplicateCandidateResolver,
  OfficerDuplicateCandidateResolver,
  ActionLikelyDuplicatesResolver,
  ActionAlternativeResolver,
  ActionDisputeResolver,
  FigureResolver,
  ...HISTORY_RESOLVERS,
  AccessResolver,
  TallyResolver,
  TallyKeyResolver,
  FigureCheckResolver,
  FigureIssueResolver,
  FigureWordingResolver,
  ReasonCountResolver,
];
