/** Users capability: web users, passwords, logins and sessions. */
export {
  assertPasswordPolicy,
  BCRYPT_COST,
  hashPassword,
  passwordProblems,
  type PasswordRequirements,
  verifyPassword,
} from "./passwords.ts";
export {
  type EffectiveUser,
  findEffectiveUser,
  findUserByLogin,
  listEffectiveUsers,
  piScopeOf,
} from "./user_directory.ts";
export {
  addUser,
  type AddUserInput,
  changePassword,
  listUsers,
  parseRole,
  piUserWarning,
  ROLES,
  setUserDisabled,
  setUserRole,
  type UserSummary,
} from "./user_service.ts";
export {
  attemptLogin,
  DEFAULT_THROTTLE,
  LOGIN_FAILED_MESSAGE,
  LoginThrottledError,
  type ThrottlePolicy,
} from "./login_service.ts";
export {
  type ActiveSession,
  endSession,
  type NewSession,
  resolveSession,
  startSession,
} from "./session_service.ts";
export { userJson } from "./users_json.ts";
export type { UserRole } from "../storage/mod.ts";
