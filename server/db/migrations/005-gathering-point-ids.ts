// Inquiries name their gathering point by id (`gatheringPointId`, the space's id) instead of by a typed
// name (`gatheringPoint`); the name shown is the space's. Each inquiry's current data gets the id of the
// space it is stored in and loses the name: the same rule as `upgradeInquiry` (schema/inquiry.ts), which
// devices apply where they read, so both sides hold equal data without a new version. The version and seq
// stay as they are on purpose: a new seq would send every inquiry to every device again and restart
// volunteer phones' retention. `record_history` keeps every version exactly as it was written (with the
// name typed then); only the current data changes. Field versions follow the field to its new name.
export const statements: string[] = [
  `update record
      set data = (data - 'gatheringPoint') || jsonb_build_object('gatheringPointId', space_id::text),
          field_versions = case
            when field_versions ? 'gatheringPoint'
              then (field_versions - 'gatheringPoint') || jsonb_build_object('gatheringPointId', field_versions -> 'gatheringPoint')
            else field_versions
          end
    where type = 'inquiry' and space_id is not null and not (data ? 'gatheringPointId')`,
  // A conflict over the old name cannot be resolved any more (the field is gone, and the point is the
  // record's space, which no patch changes): closed as kept, with no one as the resolver.
  `update conflict
      set status = 'resolved', resolved_at = now(), resolution = 'kept'
    where record_type = 'inquiry' and kind = 'field' and field = 'gatheringPoint' and status = 'open'`,
];
