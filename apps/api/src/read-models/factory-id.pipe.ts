import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Factory ids are free text in the domain; here they must be printable and bounded. */
@Injectable()
export class FactoryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (
      value.length === 0 ||
      value.length > 200 ||
      [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
    )
      throw new BadRequestException({
        message: 'factoryId must be 1 to 200 printable characters',
        errors: [{ field: 'factoryId', reason: 'must be 1 to 200 printable characters' }],
      });
    return value;
  }
}
