import type { AuthErrorCode } from '@liveprogress/protocol';

/** Why a token was refused; thrown by the verifier and mapped to the transport's own refusal. */
export class AuthRefusal extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthRefusal';
  }
}
