select "users".*, "sessions"."id" as "session_id", "sessions"."token_hash" as "session_token_hash", "sessions"."stage" as "session_stage", "sessions"."csrf_token" as "session_csrf_token", "sessions"."created_at" as "session_created_at", "sessions"."last_seen_at" as "session_last_seen_at", "sessions"."expires_at" as "session_expires_at", "sessions"."failed_codes" as "session_failed_codes" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = $1;

select "user_roles"."role_id", "role_permissions"."permission", "role_permissions"."scope" from "user_roles" left join "role_permissions" on "role_permissions"."role_id" = "user_roles"."role_id" where "user_roles"."user_id" = $1 order by "user_roles"."role_id";

select "cases"."id", "cases"."lead_agency_id", case when exists (select "case_members"."user_id" from "case_members" where "case_members"."case_id" = "cases"."id" and "case_members"."user_id" = $1) then 1 else 0 end as "member", case when ("cases"."lead_agency_id" = $2 or exists (select "case_agencies"."agency_id" from "case_agencies" where "case_agencies"."case_id" = "cases"."id" and "case_agencies"."agency_id" = $3)) then 1 else 0 end as "takes_part" from "cases" where "cases"."id" = $4;

begin;

select * from "cases" where "id" = $1;

select "agencies"."id", "agencies"."code" from "case_agencies" inner join "agencies" on "agencies"."id" = "case_agencies"."agency_id" where "case_agencies"."case_id" = $1 order by "agencies"."code";

select "users"."id" as "userId", "users"."name", "agencies"."id" as "agencyId", "agencies"."code" as "agencyCode" from "case_members" inner join "users" on "users"."id" = "case_members"."user_id" inner join "agencies" on "agencies"."id" = "users"."agency_id" where "case_members"."case_id" = $1 order by "users"."name";

select * from "case_qualifications" where "case_id" = $1 order by "added_at";

select * from "case_transitions" where "case_id" = $1 order by "recorded_at";

select * from "judicial_acts" where "case_id" = $1 order by "act_date";

select * from "case_documents" where "case_id" = $1 order by "recorded_at";

select * from "case_persons" where "case_id" = $1 order by "role", "created_at";

select "id", "name" as "label", 'user' as "kind" from "users" where "id" in ($1) union all select "id", "code" as "label", 'agency' as "kind" from "agencies" where "id" in ($2);

select pg_advisory_xact_lock(4242001);

select "seq", "hash" from "audit_log" order by "seq" desc limit $1;

insert into "audit_log" ("seq", "id", "at", "actor_id", "actor_label", "actor_agency_id", "action", "entity_type", "entity_id", "summary", "prev_hash", "hash") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12);

insert into "instance_settings" ("key", "value") values ($1, $2) on conflict ("key") do update set "value" = $3;

select * from "historic_events" where "case_person_id" in ($1) order by "start_date";

select * from "persons" where "id" = $1;

select "id", "pseudonym" from "persons" where "duplicate_key" = $1 and "id" != $2 limit $3;

commit;
