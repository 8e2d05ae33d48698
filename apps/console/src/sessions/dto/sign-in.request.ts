import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignInRequest {
  @ApiProperty({ description: 'The API key, pasted once; it never comes back to the browser.' })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  apiKey!: string;
}
