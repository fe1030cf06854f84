export { DrivePage } from "./DrivePage";
export { type DriveData, driveLoader } from "./driveLoader";
export { type DriveFile, parseDriveFiles } from "./files";
