import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import Database from 'better-sqlite3';

export const open = (file: string) => [ort.env, sharp(file), new Database(file)];
