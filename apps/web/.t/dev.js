export const DEV = typeof process !== 'undefined' && process.env.NODE_ENV !== 'production';
