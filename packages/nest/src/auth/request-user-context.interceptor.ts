import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { requestUser, type RequestWithUser } from './http-user.js';
import { RequestUserContext } from './request-user.context.js';

/** Runs a guarded handler, and the work it starts, inside the request user's async context. */
@Injectable()
export class RequestUserContextInterceptor implements NestInterceptor {
  constructor(private readonly context: RequestUserContext) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const user = requestUser(execution.switchToHttp().getRequest<RequestWithUser>());
    if (!user) return next.handle();
    return new Observable((subscriber) => this.context.run(user, () => next.handle().subscribe(subscriber)));
  }
}
