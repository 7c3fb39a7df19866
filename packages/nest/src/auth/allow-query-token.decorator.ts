import { SetMetadata } from '@nestjs/common';

export const ALLOW_QUERY_TOKEN = 'liveprogress:allow-query-token';

/** Lets a route take `?access_token=`, for browsers' EventSource, which cannot send headers. */
export const AllowQueryToken = () => SetMetadata(ALLOW_QUERY_TOKEN, true);
