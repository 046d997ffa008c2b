-- AlterEnum
ALTER TYPE "DiagnosticKind" ADD VALUE 'TRACEROUTE';
