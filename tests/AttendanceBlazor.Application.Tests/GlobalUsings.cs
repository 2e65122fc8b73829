global using AttendanceBlazor.Application.CheckIn;
global using AttendanceBlazor.Application.Faces;
global using AttendanceBlazor.Application.Time;
global using AttendanceBlazor.Data.Entities;
global using Microsoft.EntityFrameworkCore;
