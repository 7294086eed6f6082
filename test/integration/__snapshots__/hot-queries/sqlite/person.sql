select "users".*, "sessions"."id" as "session_id", "sessions"."token_hash" as "session_token_hash", "sessions"."stage" as "session_stage", "sessions"."csrf_token" as "session_csrf_token", "sessions"."created_at" as "session_created_at", "sessions"."last_seen_at" as "session_last_seen_at", "sessions"."expires_at" as "session_expires_at", "sessions"."failed_codes" as "session_failed_codes" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = ?;

select "user_roles"."role_id", "role_permissions"."permission", "role_permissions"."scope" from "user_roles" left join "role_permissions" on "role_permissions"."role_id" = "user_roles"."role_id" where "user_roles"."user_id" = ? order by "user_roles"."role_id";

select "case_persons"."id", "case_persons"."case_id", "case_persons"."person_id", "case_persons"."role", "persons"."pseudonym", "cases"."lead_agency_id", case when exists (select "case_members"."user_id" from "case_members" where "case_members"."case_id" = "cases"."id" and "case_members"."user_id" = ?) then 1 else 0 end as "member", case when ("cases"."lead_agency_id" = ? or exists (select "case_agencies"."agency_id" from "case_agencies" where "case_agencies"."case_id" = "cases"."id" and "case_agencies"."agency_id" = ?)) then 1 else 0 end as "takes_part", (select max("person_grants"."identity") as "identity" from "person_grants" where "person_grants"."case_person_id" = "case_persons"."id" and "person_grants"."user_id" = ? and "person_grants"."revoked_at" is null) as "grant_identity" from "case_persons" inner join "persons" on "persons"."id" = "case_persons"."person_id" inner join "cases" on "cases"."id" = "case_persons"."case_id" where "case_persons"."id" = ?;

select * from "case_persons" where "id" = ?;

select "cases"."id", "cases"."reference", "agencies"."id" as "leadAgencyId", "agencies"."code" as "leadAgencyCode" from "cases" inner join "agencies" on "agencies"."id" = "cases"."lead_agency_id" where "cases"."id" = ?;

select * from "historic_events" where "case_person_id" in (?) order by "start_date";

select * from "persons" where "id" = ?;

select "id", "pseudonym" from "persons" where "duplicate_key" = ? and "id" != ? limit ?;
