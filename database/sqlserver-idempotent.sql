IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(256) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [AtUtc] datetime2 NOT NULL,
        [UserId] nvarchar(450) NULL,
        [UserName] nvarchar(256) NOT NULL,
        [EntityType] nvarchar(100) NOT NULL,
        [EntityId] nvarchar(100) NOT NULL,
        [Action] nvarchar(100) NOT NULL,
        [OldValues] nvarchar(max) NULL,
        [NewValues] nvarchar(max) NULL,
        [Reason] nvarchar(1000) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [Devices] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [KeyPrefix] nvarchar(16) NOT NULL,
        [KeyHash] nvarchar(64) NOT NULL,
        [Scopes] int NOT NULL,
        [Enabled] bit NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [LastSeenUtc] datetime2 NULL,
        CONSTRAINT [PK_Devices] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [Settings] (
        [Id] int NOT NULL,
        [MatchThreshold] float NULL,
        [DuplicateWindow] time NULL,
        [TimeZone] nvarchar(100) NULL,
        [AutoCheckoutTime] time NULL,
        [MaxOpenDuration] time NULL,
        [RetentionDays] int NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Settings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(128) NOT NULL,
        [ProviderKey] nvarchar(128) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserPasskeys] (
        [CredentialId] varbinary(1024) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Data] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_AspNetUserPasskeys] PRIMARY KEY ([CredentialId]),
        CONSTRAINT [FK_AspNetUserPasskeys_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(128) NOT NULL,
        [Name] nvarchar(128) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [People] (
        [Id] int NOT NULL IDENTITY,
        [DisplayName] nvarchar(200) NOT NULL,
        [NormalizedName] nvarchar(200) NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [UserId] nvarchar(450) NULL,
        [ConsentVersion] nvarchar(50) NULL,
        [ConsentUtc] datetime2 NULL,
        [ConsentSource] nvarchar(200) NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_People] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_People_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [AttendanceRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [CheckInUtc] datetime2 NOT NULL,
        [CheckOutUtc] datetime2 NULL,
        [Source] nvarchar(20) NOT NULL,
        [Device] nvarchar(200) NULL,
        [MatchDistance] real NULL,
        [CheckOutMatchDistance] real NULL,
        [AutoClosed] bit NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AttendanceRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AttendanceRecords_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE TABLE [FaceTemplates] (
        [Id] bigint NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [Descriptor] varbinary(4096) NOT NULL,
        [ModelId] nvarchar(100) NOT NULL,
        [Quality] real NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [Thumbnail] varbinary(max) NULL,
        CONSTRAINT [PK_FaceTemplates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FaceTemplates_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserPasskeys_UserId] ON [AspNetUserPasskeys] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AttendanceRecords_CheckInUtc] ON [AttendanceRecords] ([CheckInUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AttendanceRecords_OneOpenPerPerson] ON [AttendanceRecords] ([PersonId]) WHERE [CheckOutUtc] IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AttendanceRecords_PersonId_CheckInUtc] ON [AttendanceRecords] ([PersonId], [CheckInUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_AtUtc] ON [AuditEntries] ([AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_EntityType_EntityId] ON [AuditEntries] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Devices_KeyPrefix] ON [Devices] ([KeyPrefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Devices_Name] ON [Devices] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_FaceTemplates_PersonId] ON [FaceTemplates] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_People_NormalizedName] ON [People] ([NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_People_UserId] ON [People] ([UserId]) WHERE [UserId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124112619_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124112619_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124211638_PinAndAnonymizedErasure'
)
BEGIN
    ALTER TABLE [People] ADD [ErasedUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124211638_PinAndAnonymizedErasure'
)
BEGIN
    ALTER TABLE [People] ADD [PinFailedAttempts] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124211638_PinAndAnonymizedErasure'
)
BEGIN
    ALTER TABLE [People] ADD [PinHash] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124211638_PinAndAnonymizedErasure'
)
BEGIN
    ALTER TABLE [People] ADD [PinLockedUntilUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124211638_PinAndAnonymizedErasure'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124211638_PinAndAnonymizedErasure', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045923_TrustedCheckIns'
)
BEGIN
    ALTER TABLE [Settings] ADD [SureThreshold] float NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045923_TrustedCheckIns'
)
BEGIN
    CREATE TABLE [ReviewItems] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] int NOT NULL,
        [State] int NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [Source] int NOT NULL,
        [Device] nvarchar(200) NULL,
        [CandidatePersonId] int NULL,
        [Distance] real NULL,
        [RecordId] bigint NULL,
        [PendingName] nvarchar(200) NULL,
        [PendingDescriptors] varbinary(max) NULL,
        [PendingThumbnail] varbinary(max) NULL,
        [ConsentVersion] nvarchar(50) NULL,
        [ConsentUtc] datetime2 NULL,
        [ResolvedBy] nvarchar(256) NULL,
        [ResolvedUtc] datetime2 NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_ReviewItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReviewItems_People_CandidatePersonId] FOREIGN KEY ([CandidatePersonId]) REFERENCES [People] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045923_TrustedCheckIns'
)
BEGIN
    CREATE INDEX [IX_ReviewItems_CandidatePersonId] ON [ReviewItems] ([CandidatePersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045923_TrustedCheckIns'
)
BEGIN
    CREATE INDEX [IX_ReviewItems_State_AtUtc] ON [ReviewItems] ([State], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045923_TrustedCheckIns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202045923_TrustedCheckIns', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    CREATE TABLE [PinAttempts] (
        [NormalizedName] nvarchar(200) NOT NULL,
        [FailedAttempts] int NOT NULL,
        [Lockouts] int NOT NULL,
        [LockedUntilUtc] datetime2 NULL,
        [LastFailureUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_PinAttempts] PRIMARY KEY ([NormalizedName])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    CREATE INDEX [IX_PinAttempts_LastFailureUtc] ON [PinAttempts] ([LastFailureUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    EXEC(N'INSERT INTO [PinAttempts] ([NormalizedName], [FailedAttempts], [Lockouts], [LockedUntilUtc], [LastFailureUtc]) SELECT [NormalizedName], [PinFailedAttempts], CASE WHEN [PinLockedUntilUtc] IS NULL THEN 0 ELSE 1 END, [PinLockedUntilUtc], COALESCE([PinLockedUntilUtc], SYSUTCDATETIME()) FROM [People] WHERE [PinFailedAttempts] > 0 OR [PinLockedUntilUtc] IS NOT NULL;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[People]') AND [c].[name] = N'PinFailedAttempts');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [People] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [People] DROP COLUMN [PinFailedAttempts];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[People]') AND [c].[name] = N'PinLockedUntilUtc');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [People] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [People] DROP COLUMN [PinLockedUntilUtc];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    ALTER TABLE [People] ADD [DeactivatedUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    EXEC(N'UPDATE [People] SET [DeactivatedUtc] = SYSUTCDATETIME() WHERE [IsActive] = 0;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    EXEC(N'UPDATE [People] SET [NormalizedName] = NCHAR(57344) + N''ERASED PERSON '' + CAST([Id] AS nvarchar(20)) WHERE [ErasedUtc] IS NOT NULL;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063404_SecurityReview'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202063404_SecurityReview', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [Settings] ADD [AskLocation] bit NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [Settings] ADD [OutsideNetworks] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [Settings] ADD [PersonalCheckIn] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [Settings] ADD [PersonalNetworks] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckInAddress] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckInLocation] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckInRemote] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckOutAddress] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckOutDevice] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckOutLocation] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckOutRemote] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckOutSource] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    EXEC(N'UPDATE [AttendanceRecords] SET [CheckOutSource] = N''AutoClose'', [CheckOutDevice] = N''automatic'' WHERE [AutoClosed] = 1 AND [CheckOutUtc] IS NOT NULL;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202071255_PersonalCheckIn'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202071255_PersonalCheckIn', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080110_ForgottenCheckOut'
)
BEGIN
    ALTER TABLE [Settings] ADD [ApplyForgottenCheckOuts] bit NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080110_ForgottenCheckOut'
)
BEGIN
    ALTER TABLE [ReviewItems] ADD [ProposedUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080110_ForgottenCheckOut'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202080110_ForgottenCheckOut', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202085704_KioskPairing'
)
BEGIN
    ALTER TABLE [Devices] ADD [Kind] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202085704_KioskPairing'
)
BEGIN
    ALTER TABLE [Devices] ADD [PairingCodeHash] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202085704_KioskPairing'
)
BEGIN
    ALTER TABLE [Devices] ADD [PairingExpiresUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202085704_KioskPairing'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202085704_KioskPairing', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202115622_KioskLanguage'
)
BEGIN
    ALTER TABLE [Devices] ADD [Culture] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202115622_KioskLanguage'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202115622_KioskLanguage', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202122135_FaceIndexFeed'
)
BEGIN
    CREATE TABLE [FaceIndexChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_FaceIndexChanges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202122135_FaceIndexFeed'
)
BEGIN
    CREATE INDEX [IX_FaceIndexChanges_AtUtc] ON [FaceIndexChanges] ([AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202122135_FaceIndexFeed'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202122135_FaceIndexFeed', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202122939_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202122939_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202122939_DataProtectionKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130510_IdempotencyKeys'
)
BEGIN
    CREATE TABLE [IdempotentRequests] (
        [Device] nvarchar(100) NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [Outcome] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_IdempotentRequests] PRIMARY KEY ([Device], [Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130510_IdempotencyKeys'
)
BEGIN
    CREATE INDEX [IX_IdempotentRequests_CreatedUtc] ON [IdempotentRequests] ([CreatedUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130510_IdempotencyKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202130510_IdempotencyKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    DROP TABLE [PinAttempts];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    ALTER TABLE [IdempotentRequests] ADD [Fingerprint] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    ALTER TABLE [IdempotentRequests] ADD [PersonId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    CREATE TABLE [PinLocks] (
        [Subject] nvarchar(120) NOT NULL,
        [PersonId] int NULL,
        [FailedAttempts] int NOT NULL,
        [Lockouts] int NOT NULL,
        [LockedUntilUtc] datetime2 NULL,
        [LastFailureUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_PinLocks] PRIMARY KEY ([Subject])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    CREATE INDEX [IX_IdempotentRequests_PersonId] ON [IdempotentRequests] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    CREATE INDEX [IX_PinLocks_LastFailureUtc] ON [PinLocks] ([LastFailureUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    CREATE INDEX [IX_PinLocks_PersonId] ON [PinLocks] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025913_PinLocksAndIdempotencyFingerprints'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207025913_PinLocksAndIdempotencyFingerprints', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207032313_LivenessFramesAndKioskNames'
)
BEGIN
    ALTER TABLE [People] ADD [KioskName] nvarchar(40) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207032313_LivenessFramesAndKioskNames'
)
BEGIN
    CREATE TABLE [SeenFrames] (
        [Id] bigint NOT NULL IDENTITY,
        [PressId] uniqueidentifier NOT NULL,
        [PersonId] int NULL,
        [Hash] varbinary(32) NOT NULL,
        [SeenUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_SeenFrames] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SeenFrames_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207032313_LivenessFramesAndKioskNames'
)
BEGIN
    CREATE INDEX [IX_SeenFrames_PersonId] ON [SeenFrames] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207032313_LivenessFramesAndKioskNames'
)
BEGIN
    CREATE INDEX [IX_SeenFrames_PressId] ON [SeenFrames] ([PressId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207032313_LivenessFramesAndKioskNames'
)
BEGIN
    CREATE INDEX [IX_SeenFrames_SeenUtc] ON [SeenFrames] ([SeenUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207032313_LivenessFramesAndKioskNames'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207032313_LivenessFramesAndKioskNames', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [Settings] ADD [BreakRule] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [Settings] ADD [HoursPerWeekday] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [Settings] ADD [LateGrace] time NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [Settings] ADD [MonthConfirmation] bit NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [Settings] ADD [StartTime] time NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [People] ADD [FirstDay] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [People] ADD [HoursPerWeekday] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [People] ADD [LateGrace] time NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [People] ADD [OpeningBalanceFrom] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [People] ADD [OpeningBalanceMinutes] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [People] ADD [StartTime] time NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [Corrected] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE TABLE [Absences] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [From] date NOT NULL,
        [To] date NOT NULL,
        [Kind] int NOT NULL,
        [Note] nvarchar(500) NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Absences] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Absences_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE TABLE [DaysOff] (
        [Id] int NOT NULL IDENTITY,
        [Date] date NOT NULL,
        [Name] nvarchar(100) NULL,
        CONSTRAINT [PK_DaysOff] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE TABLE [Periods] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [Month] date NOT NULL,
        [State] int NOT NULL,
        [ConfirmedUtc] datetime2 NULL,
        [ApprovedUtc] datetime2 NULL,
        [ApprovedBy] nvarchar(200) NULL,
        [Snapshot] nvarchar(max) NULL,
        [ChangedAfterConfirmUtc] datetime2 NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Periods] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Periods_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE INDEX [IX_Absences_PersonId_From] ON [Absences] ([PersonId], [From]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DaysOff_Date] ON [DaysOff] ([Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE INDEX [IX_Periods_Month] ON [Periods] ([Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Periods_PersonId_Month] ON [Periods] ([PersonId], [Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    UPDATE [AttendanceRecords] SET [Corrected] = CAST(1 AS bit) WHERE [CheckOutSource] = N'Stated' OR CAST([Id] AS nvarchar(20)) IN (SELECT [EntityId] FROM [AuditEntries] WHERE [EntityType] = N'AttendanceRecord' AND [Action] IN (N'correct-record', N'close-record', N'merge'));
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063639_WorkingTimeAndPeriods'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207063639_WorkingTimeAndPeriods', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207102911_Webhooks'
)
BEGIN
    CREATE TABLE [WebhookEndpoints] (
        [Id] int NOT NULL IDENTITY,
        [Url] nvarchar(2000) NOT NULL,
        [Events] nvarchar(1000) NOT NULL,
        [Secret] nvarchar(2000) NOT NULL,
        [PreviousSecret] nvarchar(2000) NULL,
        [PreviousSecretUntilUtc] datetime2 NULL,
        [Enabled] bit NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [LastSuccessUtc] datetime2 NULL,
        [DisabledUtc] datetime2 NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_WebhookEndpoints] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207102911_Webhooks'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] bigint NOT NULL IDENTITY,
        [EndpointId] int NOT NULL,
        [MessageId] nvarchar(64) NOT NULL,
        [EventType] nvarchar(50) NOT NULL,
        [PersonId] int NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [NextAttemptUtc] datetime2 NOT NULL,
        [Attempts] int NOT NULL,
        [State] int NOT NULL,
        [ClaimedBy] nvarchar(200) NULL,
        [ClaimedUntilUtc] datetime2 NULL,
        [LastAttemptUtc] datetime2 NULL,
        [FailingSinceUtc] datetime2 NULL,
        [LastStatus] int NULL,
        [LastResponse] nvarchar(1100) NULL,
        [DeliveredUtc] datetime2 NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookEndpoints_EndpointId] FOREIGN KEY ([EndpointId]) REFERENCES [WebhookEndpoints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207102911_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId] ON [WebhookDeliveries] ([EndpointId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207102911_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_PersonId] ON [WebhookDeliveries] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207102911_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_State_NextAttemptUtc] ON [WebhookDeliveries] ([State], [NextAttemptUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207102911_Webhooks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207102911_Webhooks', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207105310_EmailReminders'
)
BEGIN
    ALTER TABLE [People] ADD [EmailRemindersOff] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207105310_EmailReminders'
)
BEGIN
    CREATE TABLE [EmailMessages] (
        [Id] bigint NOT NULL IDENTITY,
        [Key] nvarchar(200) NOT NULL,
        [Kind] nvarchar(30) NOT NULL,
        [PersonId] int NULL,
        [To] nvarchar(320) NOT NULL,
        [Subject] nvarchar(300) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [NextAttemptUtc] datetime2 NOT NULL,
        [Attempts] int NOT NULL,
        [State] int NOT NULL,
        [ClaimedBy] nvarchar(200) NULL,
        [ClaimedUntilUtc] datetime2 NULL,
        [LastError] nvarchar(1100) NULL,
        [SentUtc] datetime2 NULL,
        CONSTRAINT [PK_EmailMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207105310_EmailReminders'
)
BEGIN
    CREATE UNIQUE INDEX [IX_EmailMessages_Key] ON [EmailMessages] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207105310_EmailReminders'
)
BEGIN
    CREATE INDEX [IX_EmailMessages_PersonId] ON [EmailMessages] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207105310_EmailReminders'
)
BEGIN
    CREATE INDEX [IX_EmailMessages_State_NextAttemptUtc] ON [EmailMessages] ([State], [NextAttemptUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207105310_EmailReminders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207105310_EmailReminders', N'10.0.15');
END;

COMMIT;
GO

