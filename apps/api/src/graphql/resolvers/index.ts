import { ActionResolver } from './action.resolver.js';
import { FigureResolver } from './figure.resolver.js';
import { OfficerResolver } from './officer.resolver.js';
import { ReferenceResolver } from './reference.resolver.js';
import { SourceResolver } from './source.resolver.js';

export const RESOLVERS = [ReferenceResolver, OfficerResolver, SourceResolver, ActionResolver, FigureResolver];
