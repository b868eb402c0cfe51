#include "flows/rotation_wire.h"

#include <cmath>
#include <string>
#include <utility>

#include "flows/delete_later.h"
#include "flows/rotation.h"
#include "wire/issues_value.h"

namespace keyflip::flows {
namespace {

using query::Value;

// The first wire error of a nested map, reported as the call's output.
struct WireErrors {
  std::string first;
  void check(wire::Fields& fields) {
    if (!fields.ok() && first.empty()) first = fields.error();
  }
};

// A number of milliseconds or null (then `fallback`); anything else is an issue on `field`.
std::int64_t ms_or(wire::Fields& in, const char* name, std::int64_t fallback, const std::string& field, util::Issues& issues) {
  const Value& v = in.any(name);
  if (v.kind == Value::Kind::Null) return fallback;
  if (v.kind != Value::Kind::Number || !std::isfinite(v.number) || std::floor(v.number) != v.number ||
      std::fabs(v.number) > 9.0e15) {
    util::add_issue(issues, field, "type", "must be a whole number of milliseconds");
    return fallback;
  }
  return static_cast<std::int64_t>(v.number);
}

std::vector<AccessKey> keys_from(Value& list, WireErrors& errors, util::Issues& issues) {
  std::vector<AccessKey> keys;
  if (list.kind != Value::Kind::List) {
    errors.first = errors.first.empty() ? "wire: field 'keys' is not a list" : errors.first;
    return keys;
  }
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    wire::Fields k(list.items[i]);
    AccessKey key;
    key.id = k.string("id");
    const std::string status = k.string("status");
    key.status = status == "Inactive" ? KeyStatus::Inactive : KeyStatus::Active;
    if (status != "Active" && status != "Inactive")
      util::add_issue(issues, "keys[" + std::to_string(i) + "].status", "enum", "must be Active or Inactive, got '" + status + "'");
    key.created_ms = k.number("createdMs");
    const Value& used = k.any("lastUsedMs");
    if (used.kind == Value::Kind::Number) key.last_used_ms = used.number;
    else if (used.kind != Value::Kind::Null)
      util::add_issue(issues, "keys[" + std::to_string(i) + "].lastUsedMs", "type", "must be a time or null (never used)");
    errors.check(k);
    keys.push_back(std::move(key));
  }
  return keys;
}

// The one shape of "issues" across the boundary (wire/issues_value.h).
Value issues_to(const keyflip::util::Issues& issues) { return keyflip::wire::issues_value(issues); }

Value wire_error(const std::string& error) {
  Value out = Value::map();
  out.set("wireError", Value::of_string(error));
  return out;
}

Value rotate(wire::Fields& in) {
  WireErrors errors;
  util::Issues issues;
  RotationState s;
  s.user_name = in.string("userName");
  s.rotated_key_id = in.string("rotatedKeyId");
  s.signer.key_id = in.string("signerKeyId");
  s.signer.arn = in.string("signerArn");
  s.now_ms = in.whole("nowMs", 0);
  s.keys = keys_from(in.any("keys"), errors, issues);

  wire::Fields o(in.any("options"));
  s.options.prove_interval_ms = ms_or(o, "proveIntervalMs", limits::kDefaultProveIntervalMs, "options.proveIntervalMs", issues);
  s.options.prove_timeout_ms = ms_or(o, "proveTimeoutMs", limits::kDefaultProveTimeoutMs, "options.proveTimeoutMs", issues);
  s.options.recent_use_window_ms =
      ms_or(o, "recentUseWindowMs", limits::kDefaultRecentUseWindowMs, "options.recentUseWindowMs", issues);
  errors.check(o);

  wire::Fields c(in.any("choices"));
  s.choices.limit_asked = c.boolean("limitAsked");
  s.choices.delete_pick = c.string("deletePick");
  s.choices.delete_confirmed = c.boolean("deleteConfirmed");
  s.choices.rollback_asked = c.boolean("rollbackAsked");
  s.choices.rollback_confirmed = c.boolean("rollbackConfirmed");
  s.choices.retire_asked = c.boolean("retireAsked");
  s.choices.retire_confirmed = c.boolean("retireConfirmed");
  errors.check(c);

  wire::Fields p(in.any("progress"));
  s.progress.keys_listed = p.boolean("keysListed");
  s.progress.deleted_for_room = p.string("deletedForRoom");
  s.progress.new_key_id = p.string("newKeyId");
  s.progress.create_unanswered = p.boolean("createUnanswered");
  s.progress.prove_attempts = static_cast<int>(p.whole("proveAttempts", -1));
  s.progress.prove_started_ms = p.whole("proveStartedMs", 0);
  s.progress.proven = p.boolean("proven");
  s.progress.prove_last_code = p.string("proveLastCode");
  s.progress.prove_last_transient = p.boolean("proveLastTransient");
  s.progress.old_last_use_read = p.boolean("oldLastUseRead");
  s.progress.signer_switched = p.boolean("signerSwitched");
  s.progress.old_deactivated = p.boolean("oldDeactivated");
  s.progress.secret_not_saved = p.boolean("secretNotSaved");
  s.progress.new_key_deleted = p.boolean("newKeyDeleted");
  s.progress.stopped = p.boolean("stopped");
  errors.check(p);
  if (!errors.first.empty()) return wire_error(errors.first);

  RotationStep step;
  if (issues.empty()) {
    step = next_rotation_step(s);
  } else {
    step.kind = StepKind::Invalid;
    step.issues = std::move(issues);
  }
  Value out = Value::map();
  out.set("step", Value::of_string(to_string(step.kind)));
  out.set("userName", Value::of_string(step.user_name));
  out.set("signerIsUser", Value::of_bool(step.signer_is_user));
  out.set("keyId", Value::of_string(step.key_id));
  Value candidates = Value::list();
  for (const auto& candidate : step.candidates) {
    Value item = Value::map();
    item.set("keyId", Value::of_string(candidate.key_id));
    item.set("status", Value::of_string(to_string(candidate.status)));
    item.set("recentlyUsed", Value::of_bool(candidate.recently_used));
    candidates.items.push_back(std::move(item));
  }
  out.set("candidates", std::move(candidates));
  out.set("recentlyUsed", Value::of_bool(step.recently_used));
  out.set("waitMs", Value::of_number(static_cast<double>(step.wait_ms)));
  out.set("elapsedMs", Value::of_number(static_cast<double>(step.elapsed_ms)));
  out.set("outcome", Value::of_string(to_string(step.outcome)));
  out.set("refusal", Value::of_string(to_string(step.refusal)));
  out.set("message", Value::of_string(step.message));
  out.set("issues", issues_to(step.issues));
  return out;
}

Value delete_later(wire::Fields& in) {
  WireErrors errors;
  util::Issues issues;
  DeleteLaterRequest r;
  r.user_name = in.string("userName");
  r.keys = keys_from(in.any("keys"), errors, issues);
  r.key_id = in.string("keyId");
  r.typed_id = in.string("typedId");
  r.recent_use_window_ms = ms_or(in, "recentUseWindowMs", limits::kDefaultRecentUseWindowMs, "options.recentUseWindowMs", issues);
  r.now_ms = in.whole("nowMs", 0);
  if (!errors.first.empty()) return wire_error(errors.first);

  DeleteLaterDecision d;
  if (issues.empty()) {
    d = decide_delete_later(r);
  } else {
    d.issues = std::move(issues);
  }
  Value out = Value::map();
  out.set("verdict", Value::of_string(to_string(d.verdict)));
  out.set("refusal", Value::of_string(to_string(d.refusal)));
  out.set("recentlyUsed", Value::of_bool(d.recently_used));
  out.set("message", Value::of_string(d.message));
  out.set("issues", issues_to(d.issues));
  return out;
}

// Every default and range of the flows (rotation_limits.h), for JS to show.
Value limits_out() {
  const auto n = [](std::int64_t v) { return Value::of_number(static_cast<double>(v)); };
  Value out = Value::map();
  out.set("accessKeysPerUser", n(limits::kAccessKeysPerUser));
  out.set("defaultProveIntervalMs", n(limits::kDefaultProveIntervalMs));
  out.set("minProveIntervalMs", n(limits::kMinProveIntervalMs));
  out.set("maxProveIntervalMs", n(limits::kMaxProveIntervalMs));
  out.set("defaultProveTimeoutMs", n(limits::kDefaultProveTimeoutMs));
  out.set("minProveTimeoutMs", n(limits::kMinProveTimeoutMs));
  out.set("maxProveTimeoutMs", n(limits::kMaxProveTimeoutMs));
  out.set("defaultRecentUseWindowMs", n(limits::kDefaultRecentUseWindowMs));
  out.set("minRecentUseWindowMs", n(limits::kMinRecentUseWindowMs));
  out.set("maxRecentUseWindowMs", n(limits::kMaxRecentUseWindowMs));
  return out;
}

}  // namespace

Value rotation_call(wire::Fields& in) {
  const std::string flow = in.string("flow");
  if (flow == "rotate") return rotate(in);
  if (flow == "delete-later") return delete_later(in);
  if (flow == "limits") return limits_out();
  // Read nothing more: the outer unread-field check names the problem too.
  return wire_error("wire: flow '" + flow + "' is not 'rotate', 'delete-later' or 'limits'");
}

}  // namespace keyflip::flows
