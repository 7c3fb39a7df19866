import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { LiveProgressHttpException } from '@liveprogress/nest';
import { signToken } from '../tokens.js';

/** The demo's sign-in, for code written against the demo (docs/client.md's examples): a token for any user and tenant. */
@Controller('api/auth')
export class DevTokenController {
  @Post('dev-token')
  @HttpCode(200)
  issue(@Body() body: unknown): { token: string; expiresIn: number } {
    const { userId, tenantId, roles = [] } = (body ?? {}) as { userId?: unknown; tenantId?: unknown; roles?: unknown };
    if (typeof userId !== 'string' || typeof tenantId !== 'string' || !Array.isArray(roles)) {
      throw new LiveProgressHttpException('INVALID_PAYLOAD', 'dev-token takes { userId: string, tenantId: string, roles?: string[] }');
    }
    const expiresIn = 60 * 60;
    return { token: signToken({ sub: userId, tenantId, roles }, { expiresIn }), expiresIn };
  }
}
