import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { LIFECYCLE_HOOKS, type LifecycleHookMetadata } from './lifecycle.decorators.js';
import { type LifecycleHandler, OperationLifecycle } from '@liveprogress/core';

/** Finds methods decorated with @OnOperation…() on every provider and registers them. */
@Injectable()
export class LifecycleHooksExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly lifecycle: OperationLifecycle,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[name];
        if (typeof method !== 'function') continue;
        const hooks: LifecycleHookMetadata[] | undefined = Reflect.getMetadata(LIFECYCLE_HOOKS, method);
        for (const { status, operationType } of hooks ?? []) {
          this.lifecycle.onStatus(status, (method as LifecycleHandler).bind(instance), operationType ? { operationType } : {});
        }
      }
    }
  }
}
