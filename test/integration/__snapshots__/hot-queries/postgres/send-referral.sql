select "users".*, "sessions"."id" as "session_id", "sessions"."token_hash" as "session_token_hash", "sessions"."stage" as "session_stage", "sessions"."csrf_token" as "session_csrf_token", "sessions"."created_at" as "session_created_at", "sessions"."last_seen_at" as "session_last_seen_at", "sessions"."expires_at" as "session_expires_at", "sessions"."failed_codes" as "session_failed_codes" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = $1;

select "user_roles"."role_id", "role_permissions"."permission", "role_permissions"."scope" from "user_roles" left join "role_permissions" on "role_permissions"."role_id" = "user_roles"."role_id" where "user_roles"."user_id" = $1 order by "user_roles"."role_id";

select "case_persons"."id", "case_persons"."case_id", "case_persons"."person_id", "case_persons"."role", "persons"."pseudonym", "cases"."lead_agency_id", case when exists (select "case_members"."user_id" from "case_members" where "case_members"."case_id" = "cases"."id" and "case_members"."user_id" = $1) then 1 else 0 end as "member", case when ("cases"."lead_agency_id" = $2 or exists (select "case_agencies"."agency_id" from "case_agencies" where "case_agencies"."case_id" = "cases"."id" and "case_agencies"."agency_id" = $3)) then 1 else 0 end as "takes_part", (select max("person_grants"."identity") as "identity" from "person_grants" where "person_grants"."case_person_id" = "case_persons"."id" and "person_grants"."user_id" = $4 and "person_grants"."revoked_at" is null) as "grant_identity" from "case_persons" inner join "persons" on "persons"."id" = "case_persons"."person_id" inner join "cases" on "cases"."id" = "case_persons"."case_id" where "case_persons"."id" = $5;

begin;

select * from "agencies" where "id" = $1;

select "id" from "consents" where "case_person_id" = $1 and "purpose" = $2 and "withdrawn_on" is null and "given_on" <= $3 order by "given_on" desc limit $4 for update;

insert into "referrals" ("id", "case_person_id", "from_agency_id", "to_agency_id", "service_kind", "reason", "details_enc", "status", "sent_on", "responded_on", "responded_by", "decline_reason_enc", "completed_on", "consent_override_reason_enc", "assigned_to", "assigned_at", "assigned_by", "created_at", "updated_at", "created_by", "updated_by", "version") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22);

select pg_advisory_xact_lock(4242001);

insert into "stat_state" ("key", "value") values ($1, $2) on conflict ("key") do update set "value" = "excluded"."value";

select "fact" from "stat_facts" where "case_id" in ($1);

select "cases"."id", "cases"."registration_date", "cases"."stage", "cases"."exploitation_types", "cases"."sectors", "agencies"."code" as "agency" from "cases" inner join "agencies" on "agencies"."id" = "cases"."lead_agency_id" where "cases"."id" in ($1);

select "historic_events"."case_person_id", "historic_events"."country", "historic_events"."start_date", "historic_events"."end_date" from "historic_events" inner join "case_persons" on "case_persons"."id" = "historic_events"."case_person_id" where "historic_events"."type" = $1 and "case_persons"."case_id" in ($2);

select "case_id", max("decided_on") as "decided_on" from "case_transitions" where "to_stage" = $1 and "case_id" in ($2) group by "case_id";

select "case_persons"."id", "case_persons"."case_id", "case_persons"."role", "case_persons"."trafficking_status", "case_persons"."means_of_control", "case_persons"."exploitation_types", "case_persons"."sex_exploitation_types", "case_persons"."labour_sector", "case_persons"."age_when_trafficked", "case_persons"."relationship_to_trafficker", "case_persons"."charges", "case_persons"."verdict", "case_persons"."verdict_date", "case_persons"."sentence_months", "case_persons"."sentence_suspended", "persons"."gender", "persons"."citizenship" from "case_persons" inner join "persons" on "persons"."id" = "case_persons"."person_id" where "case_persons"."case_id" in ($1);

select "services"."id", "case_persons"."case_id", "services"."kind", "services"."start_date", "agencies"."code" as "agency" from "services" inner join "case_persons" on "case_persons"."id" = "services"."case_person_id" left join "agencies" on "agencies"."id" = "services"."provider_agency_id" where "case_persons"."case_id" in ($1);

select "referrals"."id", "case_persons"."case_id", "referrals"."service_kind", "referrals"."status", "referrals"."sent_on", "agencies"."code" as "agency" from "referrals" inner join "case_persons" on "case_persons"."id" = "referrals"."case_person_id" inner join "agencies" on "agencies"."id" = "referrals"."to_agency_id" where "case_persons"."case_id" in ($1);

insert into "stat_cells" ("kind", "cube", "source", "period", "key", "count", "sum") values ($1, $2, $3, $4, $5, $6, $7), ($8, $9, $10, $11, $12, $13, $14), ($15, $16, $17, $18, $19, $20, $21), ($22, $23, $24, $25, $26, $27, $28), ($29, $30, $31, $32, $33, $34, $35), ($36, $37, $38, $39, $40, $41, $42), ($43, $44, $45, $46, $47, $48, $49), ($50, $51, $52, $53, $54, $55, $56), ($57, $58, $59, $60, $61, $62, $63), ($64, $65, $66, $67, $68, $69, $70), ($71, $72, $73, $74, $75, $76, $77), ($78, $79, $80, $81, $82, $83, $84), ($85, $86, $87, $88, $89, $90, $91), ($92, $93, $94, $95, $96, $97, $98), ($99, $100, $101, $102, $103, $104, $105), ($106, $107, $108, $109, $110, $111, $112), ($113, $114, $115, $116, $117, $118, $119), ($120, $121, $122, $123, $124, $125, $126), ($127, $128, $129, $130, $131, $132, $133) on conflict ("kind", "cube", "source", "period", "key") do update set "count" = stat_cells.count + excluded.count, "sum" = stat_cells.sum + excluded.sum;

delete from "stat_facts" where "case_id" in ($1);

insert into "stat_facts" ("kind", "record_id", "case_id", "fact") values ($1, $2, $3, $4), ($5, $6, $7, $8), ($9, $10, $11, $12);

select pg_advisory_xact_lock(4242001);

select "seq", "hash" from "audit_log" order by "seq" desc limit $1;

insert into "audit_log" ("seq", "id", "at", "actor_id", "actor_label", "actor_agency_id", "action", "entity_type", "entity_id", "summary", "prev_hash", "hash") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12);

insert into "instance_settings" ("key", "value") values ($1, $2) on conflict ("key") do update set "value" = $3;

select distinct "users"."id" from "users" inner join "user_roles" on "user_roles"."user_id" = "users"."id" inner join "role_permissions" on "role_permissions"."role_id" = "user_roles"."role_id" where "users"."active" = $1 and "role_permissions"."permission" = $2 and "users"."agency_id" = $3 order by "users"."id";

select "id", "code" as "label", 'agency' as "kind" from "agencies" where "id" in ($1, $2);

commit;
