import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { LiveProgressHttpException } from '@liveprogress/nest';
import { parseInbound } from '@liveprogress/protocol/schemas';
import jwt from 'jsonwebtoken';
import { API_CONFIG, type ApiConfig } from '../config.js';
import { devTokenRequestSchema } from './dev-token-request.schema.js';

/** Signs a demo token for any user and tenant: the demo's sign-in. Off in production. */
@Controller('api/auth')
export class DevTokenController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  @Post('dev-token')
  @HttpCode(200)
  issue(@Body() body: unknown): { token: string; expiresIn: number } {
    if (this.config.production) throw new LiveProgressHttpException('NOT_FOUND', 'dev-token is not available in production');
    const parsed = parseInbound(devTokenRequestSchema, body);
    if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
    const { userId, tenantId, roles = [] } = parsed.data;
    const expiresIn = 8 * 60 * 60;
    const token = jwt.sign({ sub: userId, tenantId, roles }, this.config.jwtSecret, { algorithm: 'HS256', expiresIn });
    return { token, expiresIn };
  }
}
