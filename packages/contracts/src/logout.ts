/**
 * `POST /auth/logout` answers 204 when the session ended here only, or 200 with this body when
 * the provider's session ends too (RP-initiated logout, `<ID>_LOGOUT=provider`): the browser
 * goes to `endSessionUrl`, and the provider sends it back to the app's login page afterwards.
 * The session here has already ended either way.
 */
export interface LogoutBody {
  endSessionUrl: string;
}
