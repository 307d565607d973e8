export {
  DomainError,
  type DomainErrorCode,
  type DomainErrorOptions,
  domainErrorCodes,
  isDomainError,
} from "./domain-error";
