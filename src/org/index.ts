// The unit tree: city → departments and districts → communes (levels are data). Lowest of the
// domain capabilities: it imports none of them; auth builds principals and scope checks on it.
export { orgRoutes, type OrgRoutesOptions } from './routes.ts';
export { unitIdsOnPath } from './unit-path.ts';
export {
  getSubtree,
  getUnit,
  getUnitByCode,
  getUnits,
  insertUnits,
  isUnitWithin,
  newUnit,
  subtreeUnitIds,
  upsertUnitLevels,
  type UnitWithPath,
} from './units.service.ts';
