import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';

@Module({})
class ApiModule {}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(ApiModule);
  await app.listen(Number(process.env.PORT ?? 3000));
}
void bootstrap();
